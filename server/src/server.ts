/** Language server entry point: the only file that imports the transport. */
export {};
