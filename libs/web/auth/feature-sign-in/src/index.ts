export * from './lib/sign-in.routes';
export { SignInPage } from './lib/sign-in-page';
