export * from './lib/assessment.routes';
// For the app shell's sign-out, which loads them only when someone signs out.
export { discardUnsentAnswers, unsentAnswerKeys } from './lib/draft-store';
