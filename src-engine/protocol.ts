/**
 * Custom LSP requests between the extension (client/) and the language server (server/).
 * Declared once here; each side wraps the method name in one line. No imports, so both
 * sides (and the pure engine) can compile against it.
 */
export {};
