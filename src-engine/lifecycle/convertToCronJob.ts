import { Scalar, isScalar } from 'yaml';
import type { Fix } from '../model/diagnostic';
import type { PathSegment } from '../parse/fieldPath';
import type { ManifestDocument } from '../parse/manifests';
import { CONVERTED_BACKOFF_LIMIT, metadataFor, podTemplateFor } from './convertToJob';
import { scheduleForInterval } from './intervalSchedule';
import type { LifecycleKind } from './kinds';
import { editableTree, mapOf, nodeIn, replaceDocumentFix } from './rewriteDocument';

/** `while true; do BODY; done` (or `while :`, `until false`) as the last thing a script does. */
const FOREVER_LOOP = /(?:while[ \t]+(?:true|:|\[[ \t]*1[ \t]*\])|until[ \t]+false)[ \t]*;?\s*do\b([\s\S]*)\bdone[ \t;]*\s*$/;
/** A `sleep N` command on its own, between separators. */
const SLEEP_COMMAND = /(^|[;\n&|])[ \t]*sleep[ \t]+[0-9.]+[smhd]?(?:[ \t]+[0-9.]+[smhd]?)*[ \t]*(?=;|\n|$)/g;

/**
 * loopBodyScript turns `prefix; while true; do work; sleep 3600; done` into `prefix; work`: what
 * one run of the CronJob does. Undefined when the loop is not written in a way it can take apart.
 */
export function loopBodyScript(script: string): string | undefined {
  const loop = FOREVER_LOOP.exec(script);
  if (!loop) return undefined;
  const body = (loop[1] as string).replace(SLEEP_COMMAND, '$1');
  const parts = [script.slice(0, loop.index), body].map((p) => p.replace(/^[\s;]+|[\s;&]+$/g, '')).filter((p) => p !== '');
  const joined = parts.join(script.includes('\n') ? '\n' : '; ');
  return joined === '' ? undefined : joined.replace(/\n[ \t]*;/g, '\n');
}

/**
 * convertToCronJob rewrites a workload whose only container loops `work; sleep N` as a CronJob
 * that runs `work` on the schedule the sleep implies, with concurrencyPolicy Forbid (the loop
 * never overlapped itself either). `scriptPath` is the container's field holding the script
 * (`[…, 'command', 2]` for `sh -c SCRIPT`).
 */
export function convertToCronJob(
  doc: ManifestDocument,
  kind: LifecycleKind,
  scriptPath: readonly PathSegment[],
  intervalSeconds: number,
): Fix | undefined {
  const editable = editableTree(doc);
  if (!editable) return undefined;
  const { root } = editable;
  const scriptNode = nodeIn(root, scriptPath);
  if (!isScalar(scriptNode) || typeof scriptNode.value !== 'string') return undefined;
  const script = loopBodyScript(scriptNode.value);
  if (script === undefined) return undefined;
  scriptNode.value = script;
  if (nodeIn(root, ['spec', 'volumeClaimTemplates']) !== undefined) return undefined;
  const metadata = metadataFor(root);
  const template = podTemplateFor(root, kind);
  if (!metadata || !template) return undefined;
  const schedule = scheduleForInterval(intervalSeconds);
  const scheduleScalar = new Scalar(schedule);
  scheduleScalar.type = 'QUOTE_DOUBLE';
  const cronJob = mapOf([
    ['apiVersion', 'batch/v1'],
    ['kind', 'CronJob'],
    ['metadata', metadata],
    [
      'spec',
      mapOf([
        ['schedule', scheduleScalar],
        ['concurrencyPolicy', 'Forbid'],
        [
          'jobTemplate',
          mapOf([
            [
              'spec',
              mapOf([
                ['backoffLimit', CONVERTED_BACKOFF_LIMIT],
                ['template', template],
              ]),
            ],
          ]),
        ],
      ]),
    ],
  ]);
  return replaceDocumentFix(
    doc,
    cronJob,
    `Convert to CronJob (schedule "${schedule}", one run per Job instead of a sleep loop)`,
    true,
  );
}
