// 发布典型案例: from a ticket (?ticketNo=…) or from scratch. The preview is the server's own answer to preview: true,
// shown with the board's card; a refusal (personal data in the text) is shown beside the field that holds it.
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Account } from '@/domain/api'
import { Button, Loading } from '@/components'
import { FocusedField } from '@/hooks/useFirstErrorFocus'
import { ROUTES } from '@/utils/routes'
import CaseForm from './CaseForm'
import CasePreview from './CasePreview'
import ManageFrame from './ManageFrame'
import { useCaseDesk } from './useCaseDesk'

export default function CasePage() {
  const { params } = useRouter()
  const ticketNo = decodeURIComponent(params.ticketNo ?? '')
  return (
    <ManageFrame action='publishCase' title='发布典型案例'>
      {(account) => <CaseDesk ticketNo={ticketNo} account={account} />}
    </ManageFrame>
  )
}

function CaseDesk({ ticketNo, account }: { ticketNo: string; account: Account }) {
  const desk = useCaseDesk(ticketNo, account)
  const { draft, preview, published, form } = desk

  if (published) {
    return (
      <View>
        <View className='yg-manage__done' ariaRole='status'>
          <Text>案例已发布，公众现在可以在“违规曝光”中看到。</Text>
        </View>
        <CasePreview item={published.item} stale={false} />
        <View className='yg-manage__actions'>
          <Button onClick={() => void Taro.navigateTo({ url: ROUTES.case(published.id) })}>查看公开页面</Button>
          <Button variant='secondary' onClick={desk.again}>
            再发布一条
          </Button>
        </View>
      </View>
    )
  }

  return (
    <FocusedField.Provider value={form.focused}>
      {ticketNo && (
        <View className='yg-manage__card' ariaRole='note'>
          <Text className='yg-manage__card-title'>来自举报 {ticketNo}</Text>
          {desk.source.state === 'loading' && <Loading text='正在读取举报内容' />}
          {desk.source.state === 'failed' && <Text className='yg-manage__note'>{desk.source.message}</Text>}
          <Text className='yg-manage__note'>已按举报填好机构、区和类型。公开的案例不会出现举报编号，也不会与举报关联。</Text>
        </View>
      )}
      <View className='yg-manage__split'>
        <View>
          <CaseForm draft={draft} set={desk.set} errors={form.errors} today={desk.today} asAdmin={desk.asAdmin} />
        </View>
        <View className='yg-manage__aside'>
          {preview ? (
            <CasePreview item={preview.item} stale={desk.stale} />
          ) : (
            <Text className='yg-manage__note'>填好后先点“预览”，看看公众将看到的样子，确认无误再发布。</Text>
          )}
          {form.problem && (
            <View className='yg-manage__problem' ariaRole='alert'>
              <Text>{form.problem}</Text>
            </View>
          )}
          <View className='yg-manage__actions'>
            <Button variant={preview && !desk.stale ? 'secondary' : 'primary'} loading={desk.busy === 'preview'} onClick={() => void desk.send(true)}>
              {preview ? '重新预览' : '预览'}
            </Button>
            {preview && !desk.stale && (
              <Button loading={desk.busy === 'publish'} onClick={() => void desk.send(false)}>
                确认发布
              </Button>
            )}
          </View>
        </View>
      </View>
    </FocusedField.Provider>
  )
}
