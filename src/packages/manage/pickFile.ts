// One spreadsheet from the device, read as base64: on the web a file input, in WeChat a file from a chat
// (chooseMessageFile: the usual way a list reaches a phone).
import Taro from '@tarojs/taro'
import { IS_H5 } from '@/utils/platform'

export interface PickedFile {
  name: string
  size: number
  base64: string
}

/** null: the person closed the picker. A file that cannot be read rejects with a Chinese message. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return IS_H5 ? pickOnWeb() : pickInWeChat()
}

function pickOnWeb(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.onchange = () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => resolve({ name: file.name, size: file.size, base64: String(reader.result).replace(/^data:[^,]*,/, '') })
      reader.onerror = () => reject(new Error('文件读取失败，请重新选择'))
      reader.readAsDataURL(file)
    }
    input.click()
  })
}

async function pickInWeChat(): Promise<PickedFile | null> {
  let chosen: { name: string; size: number; path: string }
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })
    chosen = res.tempFiles[0]
  } catch {
    return null
  }
  if (!chosen) return null
  const base64 = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: chosen.path,
      encoding: 'base64',
      success: (r) => resolve(String(r.data)),
      fail: () => reject(new Error('文件读取失败，请重新选择')),
    }),
  )
  return { name: chosen.name, size: chosen.size, base64 }
}
