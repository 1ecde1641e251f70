import type { Routes } from '@angular/router';
import { signedOutGuard } from '@cx/web-auth-data-access';
import { SignInPage } from './sign-in-page';

export const SIGN_IN_ROUTES: Routes = [{ path: '', canActivate: [signedOutGuard], component: SignInPage }];
