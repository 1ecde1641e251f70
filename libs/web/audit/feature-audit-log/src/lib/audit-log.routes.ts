import type { Routes } from '@angular/router';
import { AuditLogPage } from './audit-log-page';

export const AUDIT_LOG_ROUTES: Routes = [{ path: '', component: AuditLogPage }];
