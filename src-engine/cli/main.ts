/** Entry point of the `kube-jobs` command-line tool. */
export function main(argv: readonly string[]): number {
  process.stderr.write(`kube-jobs: not yet implemented: ${argv.join(' ')}\n`);
  return 2;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
