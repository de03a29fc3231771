// 导入白名单: a published list (CSV or XLSX) becomes the registry's records, after a row-by-row look at what changes.
import { View, Text } from '@tarojs/components'
import { Button } from '@/components'
import { Field, TextField } from '@/components/Fields'
import { FocusedField } from '@/hooks/useFirstErrorFocus'
import ImportTable, { summaryWords } from './ImportTable'
import ManageFrame from './ManageFrame'
import NoticeFields from './NoticeFields'
import { useImport } from './useImport'
import './import.scss'

export default function ImportPage() {
  return (
    <ManageFrame action='importInstitutions' title='导入白名单'>
      {() => <ImportDesk />}
    </ManageFrame>
  )
}

function ImportDesk() {
  const im = useImport()
  const { form, file, preview } = im
  if (im.done) {
    return (
      <View>
        <View className='yg-manage__done' ariaRole='status'>
          <Text>导入完成：{summaryWords(im.done)}。家长查询时看到的已是新名单。</Text>
        </View>
        <View className='yg-manage__actions'>
          <Button variant='secondary' onClick={im.again}>
            再导入一份
          </Button>
        </View>
      </View>
    )
  }
  return (
    <FocusedField.Provider value={form.focused}>
      <Text className='yg-manage__lead'>先预览每一行将发生的变化，确认无误后再导入；有问题的名单不会导入任何数据。</Text>
      <View className='yg-manage__split'>
        <View>
          <View className='yg-manage__card'>
            <Text className='yg-manage__card-title'>名单文件</Text>
            <Field label='CSV 或 XLSX 文件' hint='第一行为表头；每个文件不超过 180 KB' error={form.errors.content} field='content'>
              <View className={`yg-import__file${form.errors.content ? ' yg-import__file--error' : ''}`} ariaRole='button' onClick={() => void im.choose()}>
                <Text className='yg-import__file-name'>{file ? file.name : '选择文件'}</Text>
                <Text className='yg-import__file-hint'>{file ? `${(file.size / 1024).toFixed(1)} KB · 点击更换` : '点击选择'}</Text>
              </View>
            </Field>
            {im.rowProblems.length > 0 && (
              <View className='yg-import__problems' ariaRole='list' ariaLabel='名单中的问题'>
                {im.rowProblems.map((p) => (
                  <View key={p} className='yg-import__problem' ariaRole='listitem'>
                    <Text>{p}</Text>
                  </View>
                ))}
              </View>
            )}
            <TextField label='白名单批次（选填）' hint='例如第 5 批公布的名单填 5' type='number' value={im.batch} maxlength={3} error={form.errors.batch} field='batch' onInput={im.setBatch} />
          </View>
          <NoticeFields of='本次导入' value={im.notice} today={im.today} errors={form.errors} onChange={im.setNotice} />
        </View>
        <View className='yg-manage__aside'>
          {preview && <ImportTable rows={preview.rows} summary={preview.summary} />}
          {preview && im.stale && <Text className='yg-manage__problem'>文件或公告已修改，请重新预览后再导入。</Text>}
          {form.problem && (
            <View className='yg-manage__problem' ariaRole='alert'>
              <Text>{form.problem}</Text>
            </View>
          )}
          <View className='yg-manage__actions'>
            <Button variant={preview && !im.stale ? 'secondary' : 'primary'} loading={im.busy === 'preview'} onClick={() => void im.send(false)}>
              {preview ? '重新预览' : '预览变更'}
            </Button>
            {preview && !im.stale && (
              <Button loading={im.busy === 'confirm'} onClick={() => void im.send(true)}>
                确认导入
              </Button>
            )}
          </View>
        </View>
      </View>
    </FocusedField.Provider>
  )
}
