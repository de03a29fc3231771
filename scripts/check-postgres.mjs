// Before `npm test` builds for minutes: does the PostgreSQL server the API suites use (TEST_DATABASE_URL, by default
// the local one) answer? If not, one line saying what to do, and a non-zero exit.
import net from 'node:net'

const url = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1'
const port = Number(url.port) || 5432
const socket = net.connect({ host, port })
socket.setTimeout(3000)
const fail = (why) => {
  console.error(
    `npm test needs PostgreSQL at ${host}:${port} (${why}): start it (e.g. sudo pg_ctlcluster 15 main start), point TEST_DATABASE_URL at one, or run bash .ci/run, which installs and starts one.`,
  )
  process.exit(1)
}
socket.on('connect', () => {
  socket.end()
  process.exit(0)
})
socket.on('timeout', () => fail('no answer in 3 s'))
socket.on('error', (e) => fail(e.code || e.message))
