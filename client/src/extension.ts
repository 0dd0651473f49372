import type * as vscode from 'vscode';

/** Activates the extension. */
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
