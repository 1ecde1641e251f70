import type { Routes } from '@angular/router';

/** /admin/… (OMB administrators; the guard is on the parent route in the app). Each page is its own lazy chunk. */
export const ADMIN_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./admin-home-page').then((m) => m.AdminHomePage) },
  {
    path: 'frameworks',
    title: 'Framework versions',
    loadComponent: () => import('./framework-versions-page').then((m) => m.FrameworkVersionsPage),
  },
  {
    path: 'frameworks/:id',
    title: 'Framework version',
    loadComponent: () => import('./framework-version-page').then((m) => m.FrameworkVersionPage),
  },
  { path: 'cycles', title: 'Cycles', loadComponent: () => import('./cycles-page').then((m) => m.CyclesPage) },
];
