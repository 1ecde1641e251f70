import type { Routes } from '@angular/router';

/** /assessments/… — each page is its own lazy chunk. */
export const ASSESSMENT_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./assessments-page').then((m) => m.AssessmentsPage) },
  { path: ':id', title: 'Assessment overview', loadComponent: () => import('./overview-page').then((m) => m.OverviewPage) },
  {
    path: ':id/domains/:domainCode',
    title: 'Assessment questions',
    loadComponent: () => import('./domain-page').then((m) => m.DomainPage),
  },
  { path: ':id/summary', title: 'Scores and targets', loadComponent: () => import('./summary-page').then((m) => m.SummaryPage) },
];

/** /my-assignments */
export const MY_ASSIGNMENTS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./my-assignments-page').then((m) => m.MyAssignmentsPage) },
];
