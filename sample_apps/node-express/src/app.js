'use strict';

const express = require('express');

function createApp() {
  const app = express();
  app.use(express.json());

  const todos = [
    { id: 1, title: 'Write the Dockerfile', done: true },
    { id: 2, title: 'Make the image smaller', done: false },
  ];
  let nextId = todos.length + 1;

  app.get('/', (req, res) => {
    res.json({ service: 'node-express', endpoints: ['/api/todos', '/healthz'] });
  });

  app.get('/healthz', (req, res) => {
    res.type('text/plain').send('ok\n');
  });

  app.get('/api/todos', (req, res) => {
    const done = req.query.done;
    const list = done === undefined ? todos : todos.filter((t) => String(t.done) === done);
    res.json(list);
  });

  app.post('/api/todos', (req, res) => {
    const title = req.body && typeof req.body.title === 'string' ? req.body.title.trim() : '';
    if (!title) {
      res.status(400).json({ error: 'title is required' });
      return;
    }
    const todo = { id: nextId++, title, done: false };
    todos.push(todo);
    res.status(201).json(todo);
  });

  return app;
}

module.exports = { createApp };
