/**
 * Times as the API server stores them: metav1.Time is serialised in RFC 3339 without a
 * fraction, so whatever a controller or the kubelet writes (a Job's startTime, completionTime
 * and condition times, a container's finishedAt, a pod's creation and deletion timestamps)
 * is read back in whole seconds, rounded down. Mirrors k8s.io/apimachinery/pkg/apis/meta/v1
 * `Time.MarshalJSON` (time.RFC3339) and `Time.ProtoTime` (seconds only).
 */
export function apiTime(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
