/**
 * The one place that knows how ClickHouse DDL differs between a single node and a cluster.
 * Event migrations are written once with placeholders:
 *
 *   CREATE TABLE IF NOT EXISTS events {{on_cluster}} (...) ENGINE = {{engine:MergeTree()}} ...
 *
 * - `{{on_cluster}}`: '' on a single node, `ON CLUSTER '<name>'` on a cluster.
 * - `{{engine:<X>MergeTree(<args>)}}`: as written on a single node; on a cluster
 *   `Replicated<X>MergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', <args>)`.
 *
 * Follow-up for clusters: Distributed tables over the replicated ones (sharded by site) are not
 * generated yet; queries and inserts currently address the local tables.
 */

export interface ClickhouseDialectOptions {
  /** ClickHouse cluster name (from `remote_servers`); absent on a single node. */
  cluster?: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const CLUSTER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const MERGE_TREE_ENGINE = /^([A-Za-z]*MergeTree)\s*(?:\(([^()]*(?:\([^()]*\)[^()]*)*)\))?$/;

export const REPLICATED_TABLE_PATH = '/clickhouse/tables/{shard}/{database}/{table}';
export const REPLICA_NAME = '{replica}';

/** `ON CLUSTER '<name>'` or '' (validates the name, as it is spliced into DDL). */
export function onClusterClause(cluster: string | undefined): string {
  if (cluster === undefined || cluster === '') return '';
  if (!CLUSTER_NAME.test(cluster)) throw new Error(`invalid ClickHouse cluster name ${JSON.stringify(cluster)}: expected ${CLUSTER_NAME}`);
  return `ON CLUSTER '${cluster}'`;
}

/** Renders one engine spec, e.g. `VersionedCollapsingMergeTree(sign, events)`, for the deployment. */
export function renderEngine(spec: string, options: ClickhouseDialectOptions = {}): string {
  const match = MERGE_TREE_ENGINE.exec(spec.trim());
  if (!match) throw new Error(`{{engine:${spec}}}: only *MergeTree engines can be templated (write other engines literally)`);
  const [, name = '', args = ''] = match;
  if (name.startsWith('Replicated')) throw new Error(`{{engine:${spec}}}: write the plain engine; replication is added in cluster mode`);
  const trimmedArgs = args.trim();
  if (!options.cluster) return `${name}(${trimmedArgs})`;
  const replicatedArgs = [`'${REPLICATED_TABLE_PATH}'`, `'${REPLICA_NAME}'`, ...(trimmedArgs ? [trimmedArgs] : [])];
  return `Replicated${name}(${replicatedArgs.join(', ')})`;
}

/** Replaces every placeholder in a migration; an unknown or malformed placeholder is an error. */
export function renderClickhouseSql(sql: string, options: ClickhouseDialectOptions = {}): string {
  const onCluster = onClusterClause(options.cluster);
  return sql.replace(PLACEHOLDER, (whole, body: string) => {
    const separator = body.indexOf(':');
    const name = (separator === -1 ? body : body.slice(0, separator)).trim();
    const argument = separator === -1 ? undefined : body.slice(separator + 1);
    if (name === 'on_cluster' && argument === undefined) return onCluster;
    if (name === 'engine' && argument !== undefined) return renderEngine(argument, options);
    throw new Error(`unknown placeholder ${whole}: expected {{on_cluster}} or {{engine:<Engine>(<args>)}}`);
  });
}
