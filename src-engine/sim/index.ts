/** Discrete-event simulation of the Job and CronJob controllers on a virtual clock. */
export * from './clock';
export * from './queue';
export * from './podModel';
export * from './records';
export * from './options';
export * from './simulateJob';
export * from './simulateCronJob';
export * from './simulate';
export * from './simulationRun';
export * from './budget';
export * from './report';
