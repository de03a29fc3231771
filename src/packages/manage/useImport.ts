// The white-list import: a file, its batch and notice; the server's row-by-row preview; then the confirmed import.
import { useState } from 'react'
import * as staffAdmin from '@/api/staffAdmin'
import { chinaToday } from '@/domain/chinaDate'
import { IMPORT_MAX_BYTES, type ImportInstitutionsInput, type ImportPreviewRow, type ImportSummary } from '@/domain/staffRecords'
import { pickSpreadsheet, type PickedFile } from './pickFile'
import { refusalMessage, useForm } from './useForm'
import { emptyNotice, noticeProblems, toNotice, type FieldErrors } from './validate'

function fileProblems(file: PickedFile | null, batch: string): FieldErrors {
  const e: FieldErrors = {}
  if (!file) e.content = '请选择要导入的名单文件（CSV 或 XLSX）'
  else if (!/\.(csv|xlsx)$/i.test(file.name)) e.content = '只支持 CSV 或 XLSX 文件'
  else if (file.size > IMPORT_MAX_BYTES) e.content = `文件不能超过 ${IMPORT_MAX_BYTES / 1024} KB，请分批导入`
  const b = batch.trim()
  if (b && (!/^\d+$/.test(b) || Number(b) < 1 || Number(b) > 999)) e.batch = '批次应为 1 到 999 的整数'
  return e
}

export function useImport() {
  const today = chinaToday()
  const [file, setFile] = useState<PickedFile | null>(null)
  const [batch, setBatch] = useState('')
  const [notice, setNotice] = useState(() => emptyNotice(today))
  const [preview, setPreview] = useState<{ rows: ImportPreviewRow[]; summary: ImportSummary; of: string } | null>(null)
  const [done, setDone] = useState<ImportSummary | null>(null)
  /** The file's problems by row ('row12' → '第12行…'), as the server lists them. */
  const [rowProblems, setRowProblems] = useState<string[]>([])
  const [busy, setBusy] = useState<'' | 'preview' | 'confirm'>('')
  const form = useForm()

  async function choose() {
    try {
      const picked = await pickSpreadsheet()
      if (picked) {
        setFile(picked)
        setRowProblems([])
      }
    } catch (err) {
      form.refused({ code: 'invalid_input', message: (err as Error).message, fields: { content: (err as Error).message } })
    }
  }

  function toInput(): ImportInstitutionsInput {
    const input: ImportInstitutionsInput = { fileName: file!.name, content: file!.base64, notice: toNotice(notice) }
    if (batch.trim()) input.batch = Number(batch.trim())
    return input
  }

  async function send(confirm: boolean) {
    setRowProblems([])
    if (!form.passes({ ...fileProblems(file, batch), ...noticeProblems(notice) })) return
    const input = toInput()
    setBusy(confirm ? 'confirm' : 'preview')
    const res = await staffAdmin.importInstitutions(confirm ? { ...input, confirm: true } : input)
    setBusy('')
    if (!res.ok) {
      const fields = res.error.fields ?? {}
      const rows = Object.keys(fields).filter((k) => /^row\d+$/.test(k))
      setRowProblems(rows.map((k) => fields[k]))
      const others = Object.fromEntries(Object.entries(fields).filter(([k]) => !rows.includes(k)))
      // Row problems are the file's: they are listed under it, and the file field is where the person goes.
      form.refused({ ...res.error, fields: rows.length ? { ...others, content: refusalMessage(res.error) } : others })
      setPreview(null)
      return
    }
    form.clear()
    if (res.data.confirmed) setDone(res.data.summary)
    else setPreview({ rows: res.data.rows, summary: res.data.summary, of: JSON.stringify(input) })
  }

  const stale = !!preview && !!file && preview.of !== JSON.stringify(toInput())

  function again() {
    setFile(null)
    setBatch('')
    setNotice(emptyNotice(today))
    setPreview(null)
    setDone(null)
    form.clear()
  }

  return { today, file, batch, setBatch, notice, setNotice, preview, stale, done, rowProblems, busy, form, choose, send, again }
}
