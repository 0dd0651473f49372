/** Browser-side entry of the kube-jobs webview panels. */
export {};
