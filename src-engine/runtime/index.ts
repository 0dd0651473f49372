/** Node-only runtime that drives the engine's controllers with a real clock and real processes. */
export {};
