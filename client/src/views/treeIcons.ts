/**
 * How the cluster tree draws its rows: a codicon and theme colour for each row icon of the tree
 * model (treeRows.ts), and the icon of each local run's state.
 */
import * as vscode from 'vscode';
import type { TreeIcon } from './model/treeRows';
import type { LocalRunIcon } from './localRunsRegistry';

/** A row icon as a codicon id and, optionally, a theme colour id. */
const ICONS: Record<TreeIcon, [string, string?]> = {
  namespace: ['symbol-namespace'],
  cronjob: ['watch'],
  'cronjob-suspended': ['debug-pause', 'disabledForeground'],
  'cronjob-unhealthy': ['watch', 'testing.iconFailed'],
  'cronjob-warning': ['watch', 'list.warningForeground'],
  'job-running': ['sync~spin', 'charts.blue'],
  'job-complete': ['pass', 'testing.iconPassed'],
  'job-failed': ['error', 'testing.iconFailed'],
  'job-suspended': ['debug-pause', 'disabledForeground'],
  'job-pending': ['clock'],
  'job-failing': ['warning', 'testing.iconFailed'],
  'job-stuck': ['warning', 'list.warningForeground'],
  'pod-running': ['circle-filled', 'charts.blue'],
  'pod-succeeded': ['pass', 'testing.iconPassed'],
  'pod-failed': ['error', 'testing.iconFailed'],
  'pod-failing': ['error', 'testing.iconFailed'],
  'pod-stuck': ['warning', 'list.warningForeground'],
  'pod-pending': ['circle-outline'],
  'pod-terminating': ['circle-slash', 'disabledForeground'],
  forbidden: ['lock', 'errorForeground'],
  error: ['warning', 'list.warningForeground'],
  more: ['ellipsis'],
};

export const LOCAL_ICONS: Record<LocalRunIcon, TreeIcon | 'info'> = {
  running: 'job-running',
  complete: 'job-complete',
  failed: 'job-failed',
  suspended: 'job-suspended',
  pending: 'job-pending',
  cronjob: 'cronjob',
  pod: 'pod-running',
  info: 'info',
};

export function themeIcon(icon: TreeIcon | 'info'): vscode.ThemeIcon {
  if (icon === 'info') return new vscode.ThemeIcon('info');
  const [id, color] = ICONS[icon];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}
