import { ClosedLoopResult, Conversation, OneAtATimeResult, OpenLoopResult } from './conversation';
import { Deployment, startDistributed, startEmbedded } from './deployment';
import { CpuWindow } from './proc-stats';
import { profileArgs, writeProfileWindow } from './profiling';

export interface ConversationResult extends ClosedLoopResult {
  mode: 'embedded' | 'distributed';
  pairs: number;
  seconds: number;
  /** CPU time (user + system) of every Switchboard process over the closed loop, per delivered message. */
  cpuMsPerMessage: number;
  cpuMsPerMessageByProcess: Record<string, number>;
}

export interface ConversationBench {
  /** Closed loop: the peak. */
  conversation: ConversationResult;
  /** Open loop at half the peak, same deployment and chats. */
  halfPeak: OpenLoopResult;
  /** One message at a time (distributed only). */
  idle?: OneAtATimeResult;
}

const DISTRIBUTED_APPS = ['configuration', 'customer-gateway', 'router', 'event-relay', 'agent-gateway', 'agent-gateway'];
const IDLE_MESSAGES = 200;

const perMessage = (ms: Record<string, number>, delivered: number) =>
  Object.fromEntries(Object.entries(ms).map(([label, value]) => [label, delivered ? value / delivered : 0]));

/**
 * `pairs` agents and `pairs` customers, each over RTM, one chat per pair: a
 * closed loop for `seconds` (both sides of every chat send `send_event` as
 * fast as answered; CPU of every Switchboard process measured over it), then
 * an open loop at half the rate it reached, then (distributed) one message at
 * a time. With BENCH_PROFILE the processes run under `--cpu-prof`.
 */
export async function benchConversation(mode: 'embedded' | 'distributed', pairs: number, seconds: number): Promise<ConversationBench> {
  const profile = profileArgs(mode);
  const nodeArgs = profile?.nodeArgs ?? [];
  const deployment: Deployment = mode === 'embedded' ? await startEmbedded({}, nodeArgs) : await startDistributed(DISTRIBUTED_APPS, {}, nodeArgs);
  try {
    const conversation = await Conversation.open(deployment.urls, deployment.adminToken, pairs);
    const cpu = new CpuWindow(deployment.pids());
    const closed = await conversation.closedLoop(seconds, cpu);
    const halfPeak = await conversation.openLoop(closed.perSecond / 2, seconds);
    const idle = mode === 'distributed' ? await conversation.oneAtATime(IDLE_MESSAGES) : undefined;
    conversation.close();
    if (closed.errors + halfPeak.errors + (idle?.errors ?? 0) > 0) deployment.printFailures();
    if (profile) {
      const processes = Object.fromEntries(Object.entries(cpu.pids).map(([label, pid]) => [String(pid), label]));
      const { startUs, endUs, byProcess: cpuMs } = cpu;
      writeProfileWindow(profile.dir, { mode, delivered: closed.delivered, startUs, endUs, processes, cpuMs });
    }
    return {
      conversation: {
        mode,
        pairs,
        seconds,
        ...closed,
        cpuMsPerMessage: closed.delivered ? cpu.totalMs / closed.delivered : 0,
        cpuMsPerMessageByProcess: perMessage(cpu.byProcess, closed.delivered),
      },
      halfPeak,
      idle,
    };
  } finally {
    await deployment.stop();
  }
}
