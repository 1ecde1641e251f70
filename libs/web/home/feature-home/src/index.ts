export * from './lib/home.routes';
export { HomePage } from './lib/home-page';
