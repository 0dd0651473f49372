/** KObject is any Kubernetes object as JSON, as the test API server stores and serves it. */
export type KObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
