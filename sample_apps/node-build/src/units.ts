// Conversion factors to one base unit per dimension.
export type Dimension = 'length' | 'mass';

interface Unit {
  dimension: Dimension;
  toBase: number;
}

export const UNITS: Record<string, Unit> = {
  m: { dimension: 'length', toBase: 1 },
  km: { dimension: 'length', toBase: 1000 },
  mi: { dimension: 'length', toBase: 1609.344 },
  ft: { dimension: 'length', toBase: 0.3048 },
  g: { dimension: 'mass', toBase: 1 },
  kg: { dimension: 'mass', toBase: 1000 },
  lb: { dimension: 'mass', toBase: 453.59237 },
};

export class ConversionError extends Error {}

export function convert(value: number, from: string, to: string): number {
  const a = UNITS[from];
  const b = UNITS[to];
  if (!a || !b) {
    throw new ConversionError(`unknown unit: ${!a ? from : to}`);
  }
  if (a.dimension !== b.dimension) {
    throw new ConversionError(`cannot convert ${a.dimension} to ${b.dimension}`);
  }
  return (value * a.toBase) / b.toBase;
}
