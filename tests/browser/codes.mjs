// Codes from the demo accounts' authenticator (DEMO_CODE_BIN demo-code EMAIL) for every
// sign-in of the browser runs. The server takes each 30-second step once and never an
// earlier one than the last it took, so a sign-in must use a step later than any used
// before, by this run or by another run against the same server (run.mjs, then
// xss.mjs). The steps used are kept in a small file shared by the runs; when both steps
// the server accepts now (this one and the next) are used up, this waits for the clock.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const DEMO_CODE_BIN = process.env.DEMO_CODE_BIN || 'target/debug/confide'
const STATE = process.env.DEMO_CODE_STATE || join(tmpdir(), 'confide-demo-code-steps.json')

const readState = () => {
  try { return JSON.parse(readFileSync(STATE, 'utf8')) } catch { return {} }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// A code for a step later than any this email used, waiting if it must.
export async function freshCode (email) {
  for (;;) {
    const now = Date.now() / 1000
    // Too close to a step's edge: the command might read the next step. Wait it out.
    if (now % 30 > 28.5) { await sleep(2000); continue }
    const step = Math.floor(now / 30)
    const last = readState()[email] ?? -1
    let use = null
    if (step > last) use = step
    else if (step + 1 > last) use = step + 1
    if (use === null) { await sleep((30 - (now % 30)) * 1000 + 500); continue }
    const args = ['demo-code', email]
    if (use === step + 1) args.push('--next')
    const code = execFileSync(DEMO_CODE_BIN, args, { encoding: 'utf8' }).trim()
    writeFileSync(STATE, JSON.stringify({ ...readState(), [email]: use }))
    return code
  }
}
