#!/usr/bin/env node
// dynalite with transactions, for dynamostore's tests.
//
// dynalite (npm) speaks DynamoDB's protocol but has no TransactWriteItems
// and no UpdateTimeToLive. This script runs dynalite in memory on an
// internal port and serves a front port that passes every request through,
// one at a time, and adds the two operations:
//
//   TransactWriteItems  each Put, Update, Delete or ConditionCheck runs as
//                       dynalite's own conditional request, after the
//                       item's old image is saved; if any condition fails,
//                       the applied ones are put back and the answer is
//                       TransactionCanceledException with a reason per
//                       item, as DynamoDB gives. Since requests are served
//                       one at a time, no reader sees a half-done
//                       transaction. At most 100 items, 4 MB, and one
//                       operation per item, as DynamoDB enforces.
//   UpdateTimeToLive    recorded; DescribeTimeToLive reports it.
//
// Usage: node dynalite.js [--port N] [--host 127.0.0.1]   (port 0: any free)
// It prints "dynalite listening at http://HOST:PORT" once it answers.
// dynalite is looked up beside the repository (.cache/dynalite, where
// `make dynalite` and .ci/run install it), else on NODE_PATH.
'use strict'

const http = require('http')
const path = require('path')

function loadDynalite () {
  const local = path.join(__dirname, '..', '..', '..', '.cache', 'dynalite', 'node_modules', 'dynalite')
  try {
    return require(local)
  } catch (err) {
    return require('dynalite')
  }
}

const args = process.argv.slice(2)
function arg (name, def) {
  const i = args.indexOf('--' + name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def
}
const host = arg('host', '127.0.0.1')
const port = Number(arg('port', '4567'))

const inner = loadDynalite()({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
const ttl = {} // table name -> TimeToLiveSpecification

// call sends one request to the inner dynalite and resolves to
// {status, body}, body parsed.
let innerPort
function call (op, body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body))
    const req = http.request({
      host: '127.0.0.1', port: innerPort, method: 'POST', path: '/',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'Content-Length': data.length,
        'X-Amz-Target': 'DynamoDB_20120810.' + op,
        'X-Amz-Date': '20260101T000000Z',
        Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
    }, res => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        resolve({ status: res.statusCode, body: text ? JSON.parse(text) : {} })
      })
    })
    req.on('error', reject)
    req.end(data)
  })
}

function errType (r) { return String(r.body.__type || '').split('#').pop() }

function send (res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function validation (message) {
  return { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } }
}

// keyOf reads an item's key from a table's description.
const schemas = {}
async function keyOf (table, item) {
  if (!schemas[table]) {
    const r = await call('DescribeTable', { TableName: table })
    if (r.status !== 200) return { err: r }
    schemas[table] = r.body.Table.KeySchema.map(k => k.AttributeName)
  }
  const key = {}
  for (const name of schemas[table]) key[name] = item[name]
  return { key }
}

async function transactWrite (body) {
  const items = body.TransactItems || []
  if (items.length < 1 || items.length > 100) {
    return validation('1 validation error detected: Value at \'transactItems\' failed to satisfy constraint: Member must have length less than or equal to 100')
  }
  if (JSON.stringify(body).length > 4 * 1024 * 1024) {
    return validation('Transaction request size exceeds the 4 MB limit')
  }
  const ops = []
  const seen = new Set()
  for (const it of items) {
    const kind = Object.keys(it)[0]
    const p = it[kind]
    const k = await keyOf(p.TableName, kind === 'Put' ? p.Item : p.Key)
    if (k.err) return k.err
    const id = p.TableName + JSON.stringify(k.key)
    if (seen.has(id)) return validation('Transaction request cannot include multiple operations on one item')
    seen.add(id)
    ops.push({ kind, p, key: k.key })
  }
  const done = [] // {table, key, old}
  const reasons = []
  let failed = false
  let other = null
  for (const op of ops) {
    const got = await call('GetItem', { TableName: op.p.TableName, Key: op.key, ConsistentRead: true })
    if (got.status !== 200) { other = got; break }
    const old = got.body.Item || null
    const common = {
      TableName: op.p.TableName,
      ConditionExpression: op.p.ConditionExpression,
      ExpressionAttributeNames: op.p.ExpressionAttributeNames,
      ExpressionAttributeValues: op.p.ExpressionAttributeValues,
    }
    let r
    switch (op.kind) {
      case 'Put': r = await call('PutItem', { ...common, Item: op.p.Item }); break
      case 'Update': r = await call('UpdateItem', { ...common, Key: op.key, UpdateExpression: op.p.UpdateExpression }); break
      case 'Delete': r = await call('DeleteItem', { ...common, Key: op.key }); break
      case 'ConditionCheck': {
        const names = { ...(op.p.ExpressionAttributeNames || {}), '#txcheck': 'txcheck' }
        r = await call('UpdateItem', { ...common, ExpressionAttributeNames: names, Key: op.key, UpdateExpression: 'REMOVE #txcheck' })
        break
      }
      default: other = validation('unknown transaction operation ' + op.kind)
    }
    if (other) break
    if (r.status === 200) {
      done.push({ table: op.p.TableName, key: op.key, old })
      if (op.kind === 'ConditionCheck') await restore(done.pop())
      reasons.push({ Code: 'None' })
    } else if (errType(r) === 'ConditionalCheckFailedException') {
      failed = true
      const reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
      if (op.p.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && old) reason.Item = old
      reasons.push(reason)
    } else {
      other = r
      break
    }
  }
  if (failed || other) {
    while (done.length) await restore(done.pop())
  }
  if (other) return other
  if (failed) {
    return {
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [' + reasons.map(r => r.Code).join(', ') + ']',
        CancellationReasons: reasons,
      },
    }
  }
  return { status: 200, body: {} }
}

async function restore (d) {
  if (d.old) await call('PutItem', { TableName: d.table, Item: d.old })
  else await call('DeleteItem', { TableName: d.table, Key: d.key })
}

async function serve (target, raw) {
  const op = target.split('.').pop()
  let body = {}
  try { body = raw ? JSON.parse(raw) : {} } catch (err) { return { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } } }
  switch (op) {
    case 'TransactWriteItems': return transactWrite(body)
    case 'UpdateTimeToLive':
      ttl[body.TableName] = body.TimeToLiveSpecification
      return { status: 200, body: { TimeToLiveSpecification: body.TimeToLiveSpecification } }
    case 'DescribeTimeToLive': {
      const spec = ttl[body.TableName]
      if (!spec) return call(op, body)
      return { status: 200, body: { TimeToLiveDescription: { TimeToLiveStatus: spec.Enabled ? 'ENABLED' : 'DISABLED', AttributeName: spec.AttributeName } } }
    }
    case 'DeleteTable':
      delete ttl[body.TableName]
      delete schemas[body.TableName]
      return call(op, body)
  }
  return null // pass through as is
}

// Requests are served one at a time, in arrival order.
let queue = Promise.resolve()

function proxy (req, res, raw) {
  return new Promise(resolve => {
    const headers = { ...req.headers, 'content-length': Buffer.byteLength(raw) }
    const out = http.request({ host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers }, r => {
      res.writeHead(r.statusCode, r.headers)
      r.pipe(res)
      r.on('end', resolve)
      r.on('error', resolve)
    })
    out.on('error', err => { send(res, 500, { __type: 'InternalServerError', message: String(err) }); resolve() })
    out.end(raw)
  })
}

const front = http.createServer((req, res) => {
  const chunks = []
  req.on('data', c => chunks.push(c))
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString()
    queue = queue.then(async () => {
      try {
        const target = req.headers['x-amz-target'] || ''
        const r = req.method === 'POST' ? await serve(target, raw) : null
        if (r) send(res, r.status, r.body)
        else await proxy(req, res, raw)
      } catch (err) {
        send(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(err && err.stack || err) })
      }
    })
  })
})

inner.listen(0, '127.0.0.1', () => {
  innerPort = inner.address().port
  front.listen(port, host, () => {
    console.log('dynalite listening at http://%s:%d', host, front.address().port)
  })
})

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0))
