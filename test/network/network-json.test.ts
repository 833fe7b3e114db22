import { describe, expect, it } from 'vitest';
import { ParseError, ValidationError } from '../../ts/errors.js';
import { compileNetwork } from '../../ts/network/compile-network.js';
import { networkToJson, parseNetworkJson } from '../../ts/network/network-json.js';
import { smallFeeder } from '../fixtures/network/small-feeder.js';

describe('NetworkModel as JSON', () => {
  it('round-trips, including infinite Q limits', () => {
    const model = smallFeeder().addGenerator({ id: 'g2', bus: 'mv2', pKw: 1, vSetPu: 1.0, qMinKvar: -Infinity, qMaxKvar: Infinity }).toModel();
    const text = networkToJson(model, 2);
    expect(text).toContain('"-Infinity"');
    const back = parseNetworkJson(text, 'net.json');
    expect(back).toEqual(model);
    expect(compileNetwork(back)).toEqual(compileNetwork(model));
  });

  it('bad JSON is a ParseError naming line and column', () => {
    const e = (() => {
      try {
        parseNetworkJson('{\n  "baseMva": 1,\n  "buses": [}\n', 'bad.json');
      } catch (err) {
        return err as ParseError;
      }
    })();
    expect(e).toBeInstanceOf(ParseError);
    expect([e!.file, e!.line, e!.column]).toEqual(['bad.json', 3, 13]);
  });

  it('bad content is a ValidationError', () => {
    expect(() => parseNetworkJson({ baseMva: 1, buses: [{ id: 'a', vnKv: -1 }] }, 'x.json')).toThrow(ValidationError);
  });
});

describe('JSON syntax errors are located', () => {
  const where = (text: string): [number, number] => {
    try {
      parseNetworkJson(text, 'j.json');
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      return [(err as ParseError).line, (err as ParseError).column];
    }
    throw new Error('expected a ParseError');
  };
  it.each([
    ['{"a": 1,}', [1, 9]],
    ['{"a" 1}', [1, 6]],
    ['[1, 2]\n x', [2, 2]],
    ['{\n "a": tru }', [2, 7]],
    ['{"a": [1, 2}', [1, 12]],
    ['{"a": "x\n"}', [1, 9]], // the raw newline inside the string
    ['{"a": 1', [1, 8]],
    ['', [1, 1]],
  ] as Array<[string, [number, number]]>)('%j', (text, expected) => {
    expect(where(text)).toEqual(expected);
  });
});
