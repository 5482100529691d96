'use strict';

const { createApp } = require('../src/app');

let server;
let base;

beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

test('lists the seeded to-dos', async () => {
  const res = await fetch(`${base}/api/todos`);
  expect(res.status).toBe(200);
  expect(await res.json()).toHaveLength(2);
});

test('creates a to-do', async () => {
  const res = await fetch(`${base}/api/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Ship it' }),
  });
  expect(res.status).toBe(201);
  expect((await res.json()).title).toBe('Ship it');
});

test('rejects a to-do without a title', async () => {
  const res = await fetch(`${base}/api/todos`, { method: 'POST' });
  expect(res.status).toBe(400);
});
