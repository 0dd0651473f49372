/** Pure models of what the kubelet does to a pod's containers (shared by the simulator and the local runner). */
export * from './crashLoopBackOff';
