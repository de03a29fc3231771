// The benchmarks' load generator reads HTTP/1.1 itself (bench/load.ts): it must find the end of every answer —
// Content-Length or chunked, split across packets anyhow — reuse its connection, and report timeouts and closed
// connections as errors rather than hang or count them as answers.
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { LoadConnection, runLoad } from '../../bench/load'

let server: http.Server
let port: number
let connections = 0
const bodies: string[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      bodies.push(body)
      if (req.url === '/length') {
        const text = JSON.stringify({ ok: true, echo: body, pad: 'x'.repeat(70_000) })
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        res.end(text)
      } else if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('第一段')
        setTimeout(() => {
          res.write('x'.repeat(40_000))
          res.end('最后')
        }, 5)
      } else if (req.url === '/fail') {
        res.writeHead(500, { 'content-length': '2' })
        res.end('no')
      } else if (req.url === '/close') {
        res.writeHead(200, { 'content-length': '2', connection: 'close' })
        res.end('ok')
      } else if (req.url === '/silent') {
        // never answers
      } else {
        res.writeHead(204)
        res.end()
      }
    })
  })
  server.on('connection', () => connections++)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

const get = (path: string) => Buffer.from(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`, 'latin1')

describe('the load generator', () => {
  it('when answers come with a length, chunked or empty, then each ends where it should, on one connection', async () => {
    const before = connections
    const c = new LoadConnection(port)
    const post = Buffer.from('POST /length HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 9\r\n\r\n{"a":"b"}', 'latin1')
    expect(await c.send(post, 2000)).toBe(200)
    expect(await c.send(get('/chunked'), 2000)).toBe(200)
    expect(await c.send(get('/empty'), 2000)).toBe(204)
    expect(await c.send(post, 2000)).toBe(200)
    c.close()
    expect(connections - before).toBe(1)
    expect(bodies).toContain('{"a":"b"}')
  })

  it('when the head of an answer arrives in pieces and its body spans several reads, then it ends exactly at its length', async () => {
    // A raw server, so the pieces are ours: the head cut inside its blank line, 150 KB of body in three writes.
    const body = 'y'.repeat(150_000)
    const raw = net.createServer((socket) => {
      let seen = ''
      socket.on('data', async (c) => {
        seen += c.toString('latin1')
        while (seen.includes('\r\n\r\n')) {
          seen = seen.slice(seen.indexOf('\r\n\r\n') + 4)
          const head = `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n`
          const pause = () => new Promise((r) => setTimeout(r, 5))
          socket.write(head.slice(0, -3))
          await pause()
          socket.write(head.slice(-3) + body.slice(0, 50_000))
          await pause()
          socket.write(body.slice(50_000, 100_000))
          await pause()
          socket.write(body.slice(100_000))
        }
      })
    })
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r))
    const c = new LoadConnection((raw.address() as AddressInfo).port)
    try {
      expect(await c.send(get('/a'), 2000)).toBe(200)
      // Had the first answer been cut short or run over, this one would end early or never.
      expect(await c.send(get('/b'), 2000)).toBe(200)
    } finally {
      c.close()
      await new Promise((r) => raw.close(r))
    }
  })

  it('when the server closes the connection after an answer, then the next request opens a new one', async () => {
    const before = connections
    const c = new LoadConnection(port)
    expect(await c.send(get('/close'), 2000)).toBe(200)
    await new Promise((r) => setTimeout(r, 20))
    expect(await c.send(get('/length'), 2000)).toBe(200)
    c.close()
    expect(connections - before).toBe(2)
  })

  it('when no answer comes in time, then it is a timeout and the connection after it works', async () => {
    const c = new LoadConnection(port)
    expect(await c.send(get('/silent'), 100)).toBe('timeout')
    expect(await c.send(get('/empty'), 2000)).toBe(204)
    c.close()
  })

  it('when nothing listens, then the request is an error, not an answer', async () => {
    const c = new LoadConnection(1)
    expect(String(await c.send(get('/'), 2000))).toMatch(/^error:/)
  })

  it('when a run mixes answers and failures, then it counts both and every latency', async () => {
    const requests = [
      { method: 'GET' as const, path: '/chunked' },
      { method: 'POST' as const, path: '/length', body: Buffer.from('{"q":"舞蹈"}'), headers: { authorization: 'Bearer t' } },
      { method: 'GET' as const, path: '/fail' },
    ]
    const r = await runLoad({ port, concurrency: 4, durationMs: 60_000, maxRequests: 30, requests })
    expect(r.requests).toBe(30)
    expect(r.errors).toBe(10)
    expect(r.errorKinds).toEqual({ 500: 10 })
    expect(r.p99).toBeGreaterThan(0)
  })
})
