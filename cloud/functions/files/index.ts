import { defineFunction, type Env } from '../runtime'
import { AppError } from '../../../src/domain/errors'
import { registerCloudFile } from '../../services/evidence/registerCloudFile'
import { wechatCloudStorage } from '../../platform/cloudStorage'

function deps(env: Env) {
  const cloudEnv = env.config.wxCloudEnv
  if (!env.wechat || !cloudEnv) throw new AppError('unavailable', '未启用云存储上传，请直接上传文件')
  return {
    store: env.files,
    storage: wechatCloudStorage({ apiBase: env.config.wxApiBase, token: env.wechat.token, env: cloudEnv }),
    cloudEnv,
    dailyLimit: env.config.uploadDailyLimit,
    log: (line: string) => console.warn(line),
  }
}

export const fn = defineFunction('files', {
  register: async ({ env, input, actor }) => registerCloudFile(env.db, deps(env), await actor(), input),
})
export const main = fn.main
