import { ConfigError, isLoopbackHost, readConfig } from '../../cloud/config'

describe('readConfig: where the demo (AUTH_MODE=dev) may run', () => {
  const DB = 'postgres://postgres@127.0.0.1:5432/prod'

  it('when AUTH_MODE=dev meets a DATABASE_URL without DEMO_DATABASE, then it stops naming the variables', () => {
    expect(() => readConfig({ AUTH_MODE: 'dev', DATABASE_URL: DB })).toThrow(ConfigError)
    expect(() => readConfig({ AUTH_MODE: 'dev', DATABASE_URL: DB })).toThrow(/AUTH_MODE=dev.*DATABASE_URL is set.*AUTH_MODE=wechat.*DEMO_DATABASE=true/)
  })

  it('when AUTH_MODE=dev is to listen on a reachable address, then it stops naming HOST', () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::', 'example.org']) {
      expect(() => readConfig({ AUTH_MODE: 'dev', HOST: host })).toThrow(new RegExp(`HOST=${host.replace(/\./g, '\\.')} is not a loopback address`))
    }
    expect(() => readConfig({ AUTH_MODE: 'dev', HOST: '0.0.0.0', DATABASE_URL: DB })).toThrow(/DATABASE_URL is set and HOST=0\.0\.0\.0/)
  })

  it('when the operator says DEMO_DATABASE=true, then the demo runs there', () => {
    const c = readConfig({ AUTH_MODE: 'dev', DATABASE_URL: DB, HOST: '0.0.0.0', DEMO_DATABASE: 'true' })
    expect(c).toMatchObject({ authMode: 'dev', databaseUrl: DB, host: '0.0.0.0', demoDatabase: true })
  })

  it('when the demo runs on loopback with its embedded database, then nothing more is needed', () => {
    for (const host of [undefined, '127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) {
      expect(readConfig({ AUTH_MODE: 'dev', HOST: host }).demoDatabase).toBe(false)
    }
  })

  it('when AUTH_MODE=wechat (production), then DATABASE_URL and any HOST are fine', () => {
    expect(readConfig({ DATABASE_URL: DB, HOST: '0.0.0.0' })).toMatchObject({ authMode: 'wechat', databaseUrl: DB })
  })

  it('when DEMO_DATABASE is not a boolean, then it stops naming it', () => {
    expect(() => readConfig({ AUTH_MODE: 'dev', DEMO_DATABASE: 'maybe' })).toThrow('DEMO_DATABASE must be true or false, got "maybe"')
  })

  it('loopback means 127.0.0.0/8, ::1 and localhost only', () => {
    expect(['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'].every(isLoopbackHost)).toBe(true)
    expect(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', '127.0.0.1.example.org', 'localhost.example.org', ''].some(isLoopbackHost)).toBe(false)
  })
})

describe('readConfig: the database pool', () => {
  it('when DATABASE_POOL_SIZE is unset, then 10; when it is not a whole number from 1 to 200, then it stops naming it', () => {
    expect(readConfig({}).databasePoolSize).toBe(10)
    expect(readConfig({ DATABASE_POOL_SIZE: '6' }).databasePoolSize).toBe(6)
    for (const bad of ['0', '201', 'six', '2.5']) expect(() => readConfig({ DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE/)
  })

  it('when SEARCH_SERVICE_URL is set, then it needs a secret of 32 characters and an http(s) URL, and stops naming what is wrong', () => {
    const secret = 's'.repeat(32)
    expect(readConfig({ SEARCH_SERVICE_URL: 'http://10.0.0.5:8080/', SEARCH_SERVICE_SECRET: secret })).toMatchObject({ searchServiceUrl: 'http://10.0.0.5:8080', searchServiceSecret: secret, searchServiceTimeoutMs: 800 })
    expect(readConfig({}).searchServiceUrl).toBeUndefined()
    expect(() => readConfig({ SEARCH_SERVICE_URL: 'http://10.0.0.5:8080' })).toThrow(/SEARCH_SERVICE_URL needs SEARCH_SERVICE_SECRET/)
    expect(() => readConfig({ SEARCH_SERVICE_URL: 'ftp://10.0.0.5', SEARCH_SERVICE_SECRET: secret })).toThrow(/SEARCH_SERVICE_URL must be an http/)
    expect(() => readConfig({ SEARCH_SERVICE_URL: 'search-box:8080', SEARCH_SERVICE_SECRET: secret })).toThrow(/SEARCH_SERVICE_URL must be an http/)
    expect(() => readConfig({ SEARCH_SERVICE_SECRET: 'short' })).toThrow(/SEARCH_SERVICE_SECRET must be at least 32 characters/)
    expect(() => readConfig({ SEARCH_SERVICE_URL: 'http://a', SEARCH_SERVICE_SECRET: secret, SEARCH_SERVICE_TIMEOUT_MS: '5' })).toThrow(/SEARCH_SERVICE_TIMEOUT_MS/)
  })

  it('when SEARCH_INDEX_SAVE is unset, then a gateway saves its index; "false" turns it off; anything else stops naming it', () => {
    expect(readConfig({}).searchIndexSave).toBe(true)
    expect(readConfig({ SEARCH_INDEX_SAVE: 'false' }).searchIndexSave).toBe(false)
    expect(() => readConfig({ SEARCH_INDEX_SAVE: 'sometimes' })).toThrow(/SEARCH_INDEX_SAVE/)
  })
})
