import express, { Request, Response } from 'express';
import { ConversionError, UNITS, convert } from './units';

const app = express();
const port = Number(process.env.PORT ?? 8080);

app.get('/', (_req: Request, res: Response) => {
  res.json({ service: 'node-build', units: Object.keys(UNITS) });
});

app.get('/convert', (req: Request, res: Response) => {
  const value = Number(req.query.value);
  const from = String(req.query.from ?? '');
  const to = String(req.query.to ?? '');
  if (!Number.isFinite(value)) {
    res.status(400).json({ error: 'value must be a number' });
    return;
  }
  try {
    const result = convert(value, from, to);
    res.json({ value, from, to, result: Math.round(result * 1e6) / 1e6 });
  } catch (err) {
    if (err instanceof ConversionError) {
      res.status(400).json({ error: err.message });
      return;
    }
    throw err;
  }
});

app.listen(port, '0.0.0.0', () => {
  console.log(`node-build listening on ${port}`);
});
