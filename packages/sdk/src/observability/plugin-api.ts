import type { DurablePlugin, OperationInfo } from "./plugin.js";
import type { InvocationMetrics } from "./metrics.js";

/**
 * Names of the official SDK's instrumentation plugin API. Plugins here implement
 * {@link DurablePlugin} (the hooks this SDK calls and what they receive differ from the official
 * ones: see docs/getting-started.md, "Differences from the official SDK").
 */

/** Version of the plugin provider contract (the official value). */
export const DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION = 1;

/** How an invocation ended, as plugin hooks report it. */
export const PluginInvocationStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  RETRYING: "RETRYING",
} as const;
export type PluginInvocationStatus = (typeof PluginInvocationStatus)[keyof typeof PluginInvocationStatus];

/** An operation's status, as plugin hooks report it. */
export const PluginOperationStatus = {
  STARTED: "STARTED",
  READY: "READY",
  PENDING: "PENDING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  STOPPED: "STOPPED",
  CANCELLED: "CANCELLED",
} as const;
export type PluginOperationStatus = (typeof PluginOperationStatus)[keyof typeof PluginOperationStatus];

/** How an attempt ended. */
export const AttemptEndInfoOutcome = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
export type AttemptEndInfoOutcome = (typeof AttemptEndInfoOutcome)[keyof typeof AttemptEndInfoOutcome];

/** What `onInvocationStart` receives. */
export type InvocationInfo = Parameters<NonNullable<DurablePlugin["onInvocationStart"]>>[0];
/** What `onInvocationEnd` receives. */
export type InvocationEndInfo = { executionArn: string; requestId: string; outcome: InvocationMetrics["outcome"]; metrics: InvocationMetrics };
/** What `onOperationEnd` receives. */
export type OperationEndInfo = Parameters<NonNullable<DurablePlugin["onOperationEnd"]>>[0];
/** What `onOperationAttemptStart` receives. */
export type AttemptInfo = Parameters<NonNullable<DurablePlugin["onOperationAttemptStart"]>>[0];
/** What `onOperationAttemptEnd` receives. */
export type AttemptEndInfo = Parameters<NonNullable<DurablePlugin["onOperationAttemptEnd"]>>[0];
/** Operations that changed, by id (the official `onOperationChange` hook's argument; this SDK does not call that hook). */
export interface OperationChangeInfo {
  executionArn: string;
  updatedOperations: Record<string, OperationInfo>;
  operations: Record<string, OperationInfo>;
}

/** A plugin class. */
export type DurableInstrumentationPluginType<Plugin extends DurablePlugin = DurablePlugin> = abstract new (...args: never[]) => Plugin;

/** A module's plugin factory (the official provider contract). Pass `createPlugin()` to `plugins`. */
export interface DurableInstrumentationPluginProvider<Plugin extends DurablePlugin = DurablePlugin> {
  readonly pluginApiVersion: typeof DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION;
  readonly pluginType: DurableInstrumentationPluginType<Plugin>;
  createPlugin(): Plugin;
}
