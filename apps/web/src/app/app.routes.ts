import type { Route } from '@angular/router';
import { Role } from '@cx/shared-domain';
import { authGuard, roleGuard } from '@cx/web-auth-data-access';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in',
    loadChildren: () => import('@cx/web-auth-feature-sign-in').then((m) => m.SIGN_IN_ROUTES),
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Home',
        loadChildren: () => import('@cx/web-home-feature-home').then((m) => m.HOME_ROUTES),
      },
      {
        path: 'audit',
        title: 'Audit log',
        canActivate: [roleGuard(Role.OMB_ADMIN, Role.AGENCY_CX_LEAD)],
        loadChildren: () => import('@cx/web-audit-feature-audit-log').then((m) => m.AUDIT_LOG_ROUTES),
      },
      {
        path: 'assessments',
        title: 'Assessments',
        loadChildren: () => import('@cx/web-assessment-feature-assessment').then((m) => m.ASSESSMENT_ROUTES),
      },
      {
        path: 'my-assignments',
        title: 'My assignments',
        canActivate: [roleGuard(Role.AGENCY_CONTRIBUTOR, Role.AGENCY_CX_LEAD)],
        loadChildren: () => import('@cx/web-assessment-feature-assessment').then((m) => m.MY_ASSIGNMENTS_ROUTES),
      },
      {
        path: 'admin',
        title: 'Administration',
        canActivate: [roleGuard(Role.OMB_ADMIN)],
        loadChildren: () => import('@cx/web-admin-feature-admin').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'access-denied',
        title: 'Access denied',
        loadComponent: () => import('./status-pages').then((m) => m.AccessDeniedPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./status-pages').then((m) => m.NotFoundPage),
  },
];
