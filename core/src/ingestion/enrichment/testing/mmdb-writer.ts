// Minimal MaxMind DB (MMDB v2) writer for test fixtures: an IPv6 search tree with 24-bit records
// (IPv4 networks live under ::/96, as in GeoLite2), maps/arrays/strings/uint32/doubles/booleans.
// See https://maxmind.github.io/MaxMind-DB/ for the format. Not for production use.
import { isIP } from 'node:net';

export interface MmdbNetwork {
  /** `81.2.69.142` or `2001:480::` */
  address: string;
  /** Prefix length in the address's own family (IPv4: 0-32, IPv6: 0-128). */
  prefix: number;
  data: MmdbValue;
}

export type MmdbValue = string | number | boolean | MmdbValue[] | { [key: string]: MmdbValue };

type Rec = { kind: 'empty' } | { kind: 'node'; index: number } | { kind: 'data'; offset: number };
interface Node {
  left: Rec;
  right: Rec;
}

const EMPTY: Rec = { kind: 'empty' };

function ipv6Bits(address: string): number[] {
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP: ${address}`);
  const bytes = new Uint8Array(16);
  if (family === 4) {
    address.split('.').forEach((octet, i) => (bytes[12 + i] = Number(octet)));
  } else {
    const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
    const [head = '', tail = ''] = canonical.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = canonical.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
    groups.forEach((g, i) => {
      const v = Number.parseInt(g, 16);
      bytes[i * 2] = v >> 8;
      bytes[i * 2 + 1] = v & 255;
    });
  }
  const bits: number[] = [];
  for (const byte of bytes) for (let b = 7; b >= 0; b--) bits.push((byte >> b) & 1);
  return bits;
}

function controlBytes(type: number, size: number): number[] {
  const out: number[] = [];
  let sizeBits: number;
  const extra: number[] = [];
  if (size < 29) sizeBits = size;
  else if (size < 285) {
    sizeBits = 29;
    extra.push(size - 29);
  } else if (size < 65_821) {
    sizeBits = 30;
    extra.push((size - 285) >> 8, (size - 285) & 255);
  } else {
    sizeBits = 31;
    const s = size - 65_821;
    extra.push((s >> 16) & 255, (s >> 8) & 255, s & 255);
  }
  if (type <= 7) out.push((type << 5) | sizeBits);
  else out.push(sizeBits, type - 7);
  return [...out, ...extra];
}

function encode(value: MmdbValue): number[] {
  if (typeof value === 'string') {
    const bytes = [...Buffer.from(value, 'utf8')];
    return [...controlBytes(2, bytes.length), ...bytes];
  }
  if (typeof value === 'boolean') return controlBytes(14, value ? 1 : 0);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) {
      const bytes: number[] = [];
      for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
      return [...controlBytes(6, bytes.length), ...bytes];
    }
    const buf = Buffer.alloc(8);
    buf.writeDoubleBE(value);
    return [...controlBytes(3, 8), ...buf];
  }
  if (Array.isArray(value)) return [...controlBytes(11, value.length), ...value.flatMap(encode)];
  const entries = Object.entries(value);
  return [...controlBytes(7, entries.length), ...entries.flatMap(([k, v]) => [...encode(k), ...encode(v)])];
}

export function writeMmdb(networks: MmdbNetwork[], databaseType = 'Qusto-Test-City'): Buffer {
  const nodes: Node[] = [{ left: EMPTY, right: EMPTY }];
  const data: number[] = [];

  for (const net of networks) {
    const offset = data.length;
    data.push(...encode(net.data));
    const bits = ipv6Bits(net.address);
    const prefix = isIP(net.address) === 4 ? 96 + net.prefix : net.prefix;
    let node = 0;
    for (let i = 0; i < prefix; i++) {
      const side = bits[i] ? 'right' : 'left';
      const current = nodes[node]!;
      if (i === prefix - 1) {
        current[side] = { kind: 'data', offset };
        break;
      }
      const next = current[side];
      if (next.kind === 'node') {
        node = next.index;
      } else if (next.kind === 'empty') {
        nodes.push({ left: EMPTY, right: EMPTY });
        current[side] = { kind: 'node', index: nodes.length - 1 };
        node = nodes.length - 1;
      } else {
        throw new Error(`overlapping networks at ${net.address}/${net.prefix}`);
      }
    }
  }

  const nodeCount = nodes.length;
  const value = (r: Rec): number => (r.kind === 'node' ? r.index : r.kind === 'empty' ? nodeCount : nodeCount + 16 + r.offset);
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach((n, i) => {
    tree.writeUIntBE(value(n.left), i * 6, 3);
    tree.writeUIntBE(value(n.right), i * 6 + 3, 3);
  });
  const metadata = encode({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_700_000_000,
    database_type: databaseType,
    description: { en: 'Qusto test fixture' },
    ip_version: 6,
    languages: ['en'],
    node_count: nodeCount,
    record_size: 24,
  });
  return Buffer.concat([
    tree,
    Buffer.alloc(16),
    Buffer.from(data),
    Buffer.from('ABCDEF4D61784D696E642E636F6D', 'hex'),
    Buffer.from(metadata),
  ]);
}
