import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CATEGORY_LABEL, DISTRICT_LABEL } from '@/domain/catalog'
import type { Institution } from '@/domain/api'
import { Field, NoticeLink, Section, StatusBadge } from '@/components'
import { formatDate } from '@/utils/format'
import { ROUTES } from '@/utils/routes'
import { invitesPayment } from '@/domain/verdict'

export default function Sections({ institution: inst }: { institution: Institution }) {
  const history = [...inst.history].sort((a, b) => b.at.localeCompare(a.at))
  return (
    <View>
      <Section title='基本信息'>
        <Field label='统一社会信用代码' value={<Text className='yg-detail__code'>{inst.uscc}</Text>} />
        <Field label='办学许可证号' value={inst.licenseNo || '—'} />
        <Field label='审批部门' value={inst.departmentName} />
        <Field label='培训类别' value={`${CATEGORY_LABEL[inst.category]}类`} />
        <Field label='核准培训范围' value={inst.scope || '—'} />
      </Section>

      <Section title='培训场所'>
        {inst.sites.length === 0 && <Field label='地址' value={inst.address} />}
        {inst.sites.map((site, i) => (
          <Field key={`${site.address}-${i}`} label={`场所 ${i + 1} · ${DISTRICT_LABEL[site.district]}`} value={site.address} />
        ))}
        <Text className='yg-detail__note'>只能在以上核准场所开展培训，其他地点上课属于超场所培训。</Text>
      </Section>

      <Section title='预收费监管账户'>
        {inst.escrow ? (
          <View>
            <Field label='监管银行' value={inst.escrow.bank} />
            <Field label='账户名称' value={inst.escrow.accountName} />
          </View>
        ) : (
          <Field label='监管账户' value='暂未公布' />
        )}
        <Text className='yg-detail__note'>监管账户是机构在银行开设、受主管部门监管的专用账户：学费先存在这里，上完课再按进度拨给机构。</Text>
        {invitesPayment(inst.status) ? (
          <View>
            <Text className='yg-detail__note'>
              培训费须缴入上述监管账户；一次预收不超过3个月或60课时，且不超过5000元。请勿向个人账户转账，也不要办理“培训贷”。
            </Text>
            <View
              className='yg-detail__link'
              hoverClass='yg-detail__link--pressed'
              ariaRole='link'
              onClick={() => Taro.navigateTo({ url: ROUTES.prepaid({ id: inst.id, name: inst.name }) })}
            >
              <Text>预付费是否合规？算一算</Text>
              <View className='yg-detail__chevron' />
            </View>
          </View>
        ) : (
          <Text className='yg-detail__note yg-detail__note--warning'>
            该机构目前不得招生收费，请勿缴费。以上账户仅供已缴费的家长查询和申请退还未上课时的费用。
          </Text>
        )}
      </Section>

      {(inst.batch || inst.blacklist) && (
        <Section title={inst.blacklist ? '黑名单' : '白名单批次'}>
          {inst.batch && (
            <View>
              <Field label='白名单批次' value={`第${inst.batch.no}批，${formatDate(inst.batch.date)} 公布`} />
              <Field label='公告' value={<NoticeLink title={inst.batch.notice} id={inst.batch.noticeId} />} />
            </View>
          )}
          {inst.blacklist && (
            <View>
              <Field label='列入原因' value={inst.blacklist.reason} />
              <Field label='列入日期' value={formatDate(inst.blacklist.date)} />
              <Field label='公告' value={<NoticeLink title={inst.blacklist.notice} id={inst.blacklist.noticeId} />} />
            </View>
          )}
        </Section>
      )}

      <Section title='状态变更记录'>
        {history.length === 0 && <Text className='yg-detail__empty'>暂无状态变更记录</Text>}
        {history.map((change, i) => (
          <View key={`${change.at}-${i}`} className='yg-detail__history'>
            <View className='yg-detail__history-head'>
              <Text className='yg-detail__history-date'>{formatDate(change.at)}</Text>
              <StatusBadge status={change.status} />
            </View>
            {change.note && <Text className='yg-detail__history-text'>{change.note}</Text>}
            {change.notice && (
              <View className='yg-detail__history-notice'>
                <NoticeLink lead='依据：' title={change.notice} id={change.noticeId} />
              </View>
            )}
          </View>
        ))}
      </Section>

      <Section title='违规案例'>
        {inst.cases.length === 0 && <Text className='yg-detail__empty'>暂无公开的违规案例</Text>}
        {inst.cases.length > 0 && <Text className='yg-detail__cases-count'>共 {inst.cases.length} 条，点开查看事实和处理结果</Text>}
        {inst.cases.map((c) => (
          <View
            key={c.id}
            className='yg-detail__case'
            hoverClass='yg-detail__case--pressed'
            ariaRole='link'
            ariaLabel={`${formatDate(c.date)} ${c.title}`}
            onClick={() => Taro.navigateTo({ url: ROUTES.case(c.id) })}
          >
            <View className='yg-detail__case-text'>
              <Text className='yg-detail__case-date'>{formatDate(c.date)}</Text>
              <Text className='yg-detail__case-title'>{c.title}</Text>
            </View>
            <View className='yg-detail__chevron' />
          </View>
        ))}
      </Section>
    </View>
  )
}
