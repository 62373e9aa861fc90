import { describe, expect, it } from 'vitest';
import { renderClickhouseSql, renderEngine } from '../../src/storage/events/clickhouse-dialect.ts';

const DDL = 'CREATE TABLE IF NOT EXISTS t {{on_cluster}} (a UInt64) ENGINE = {{engine:MergeTree()}} ORDER BY a';

describe('clickhouse dialect', () => {
  it('renders a single node: no cluster clause, engine as written', () => {
    expect(renderClickhouseSql(DDL)).toBe('CREATE TABLE IF NOT EXISTS t  (a UInt64) ENGINE = MergeTree() ORDER BY a');
    expect(renderEngine('VersionedCollapsingMergeTree(sign, events)')).toBe('VersionedCollapsingMergeTree(sign, events)');
    expect(renderEngine('MergeTree')).toBe('MergeTree()');
  });

  it('renders a cluster: ON CLUSTER and the Replicated engine with path, replica and the original args', () => {
    const options = { cluster: 'qusto_cluster' };
    expect(renderClickhouseSql(DDL, options)).toBe(
      "CREATE TABLE IF NOT EXISTS t ON CLUSTER 'qusto_cluster' (a UInt64) " +
        "ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}') ORDER BY a",
    );
    expect(renderEngine('VersionedCollapsingMergeTree(sign, events)', options)).toBe(
      "ReplicatedVersionedCollapsingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', sign, events)",
    );
    expect(renderEngine('ReplacingMergeTree(toUInt64(version))', options)).toBe(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', toUInt64(version))",
    );
  });

  it('leaves ClickHouse query parameters and macros alone', () => {
    expect(renderClickhouseSql("SELECT {x:UInt8}, '{shard}'")).toBe("SELECT {x:UInt8}, '{shard}'");
  });

  it('rejects unknown or malformed placeholders', () => {
    expect(() => renderClickhouseSql('CREATE TABLE t {{oncluster}}')).toThrow(/unknown placeholder \{\{oncluster\}\}/);
    expect(() => renderClickhouseSql('{{on_cluster:x}}')).toThrow(/unknown placeholder/);
    expect(() => renderClickhouseSql('ENGINE = {{engine}}')).toThrow(/unknown placeholder/);
    expect(() => renderClickhouseSql('ENGINE = {{engine:Memory}}')).toThrow(/only \*MergeTree engines/);
    expect(() => renderClickhouseSql('ENGINE = {{engine:ReplicatedMergeTree()}}', { cluster: 'c' })).toThrow(/write the plain engine/);
  });

  it('rejects a cluster name that could inject SQL', () => {
    expect(() => renderClickhouseSql(DDL, { cluster: "c' SETTINGS x=1 --" })).toThrow(/invalid ClickHouse cluster name/);
  });
});
