import type {
  DescribeScheduleParams,
  DescribeScheduleResult,
  SimulateDocumentParams,
  SimulateDocumentResult,
} from '../../src-engine';
import { DescribeScheduleRequest, SimulateDocumentRequest } from '../../src-engine';
import type { Ctx } from './ctx';

/**
 * The custom requests the client sends, typed from src-engine/protocol.ts (one declaration for
 * both sides). Sent by method name so this module does not load the client library itself.
 */
export async function simulateDocument(ctx: Ctx, params: SimulateDocumentParams): Promise<SimulateDocumentResult> {
  const client = ctx.languageClient;
  if (!client) throw new Error('the kube-jobs language server is not running');
  return client.sendRequest<SimulateDocumentResult>(SimulateDocumentRequest.method, params);
}

export async function describeScheduleRemote(ctx: Ctx, params: DescribeScheduleParams): Promise<DescribeScheduleResult> {
  const client = ctx.languageClient;
  if (!client) throw new Error('the kube-jobs language server is not running');
  return client.sendRequest<DescribeScheduleResult>(DescribeScheduleRequest.method, params);
}
