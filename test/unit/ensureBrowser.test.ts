// scripts/ensure-browser.sh, run against stand-ins for id, fc-list and apt-get: which branch it takes on a machine
// with everything, without the CJK font as root (installs once), and as another user (one line naming the command).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

const SCRIPT = path.resolve(__dirname, '../../scripts/ensure-browser.sh')

describe('scripts/ensure-browser.sh', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-ensure-'))
    const stub = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 })
    stub('id', 'echo "$FAKE_UID"')
    // The font "appears" once apt-get has installed it.
    stub('fc-list', `[ -f "${dir}/installed" ] || [ -n "$FAKE_FONT" ] && echo "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc: WenQuanYi Micro Hei:style=Regular"; exit 0`)
    stub('apt-get', `echo "apt-get $*" >> "${dir}/apt.log"; case "$*" in *install*) touch "${dir}/installed";; esac`)
    fs.writeFileSync(path.join(dir, 'chromium'), '#!/bin/sh\n', { mode: 0o755 })
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  const run = (env: Record<string, string>) =>
    spawnSync('bash', [SCRIPT], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, CHROMIUM_PATH: path.join(dir, 'chromium'), ...env }, encoding: 'utf8' })
  const aptCalls = () => (fs.existsSync(path.join(dir, 'apt.log')) ? fs.readFileSync(path.join(dir, 'apt.log'), 'utf8').trim().split('\n') : [])

  it('when Chromium and the CJK font are there, then it does nothing', () => {
    const r = run({ FAKE_UID: '0', FAKE_FONT: '1' })
    expect(r.status).toBe(0)
    expect(r.stdout + r.stderr).toBe('')
    expect(aptCalls()).toEqual([])
  })

  it('when the font is missing and it runs as root, then apt-get updates once and installs Chromium, the font and fontconfig', () => {
    const r = run({ FAKE_UID: '0' })
    expect(r.status).toBe(0)
    expect(aptCalls()).toEqual(['apt-get update -q', 'apt-get install -y -q --no-install-recommends chromium fonts-wqy-microhei fontconfig'])
    expect(r.stdout).toContain('a CJK font (WenQuanYi)')
  })

  it('when the font is missing and it runs as another user, then one line names the command and it fails', () => {
    const r = run({ FAKE_UID: '1000' })
    expect(r.status).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([
      'npm test needs a CJK font (WenQuanYi) for the e2e suites: run  sudo apt-get install -y --no-install-recommends chromium fonts-wqy-microhei fontconfig',
    ])
    expect(aptCalls()).toEqual([])
  })

  it('when CHROMIUM_PATH names nothing, then it says so instead of installing another browser', () => {
    const r = run({ FAKE_UID: '0', FAKE_FONT: '1', CHROMIUM_PATH: path.join(dir, 'no-such-browser') })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(`CHROMIUM_PATH=${path.join(dir, 'no-such-browser')} is not an executable`)
    expect(aptCalls()).toEqual([])
  })
})
