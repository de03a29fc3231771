// The inspection checklist (DOMAIN.md): one item per rule a supervisor checks on a visit. Campaigns (专项行动) name
// some of them as their focus; observations (issue 10) answer each with pass / fail / not checked.
export const CHECKLIST_ITEMS = [
  'licence_displayed',
  'prices_posted',
  'prepaid_within_limits',
  'scope_no_academic',
  'hours_by_2030',
  'staff_qualified',
  'fire_safety',
  'premises_match',
  'advertising',
  'materials',
  'contract_model',
] as const
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number]

export const CHECKLIST_LABEL: Readonly<Record<ChecklistItem, string>> = {
  licence_displayed: '办学许可证在场所醒目位置公示',
  prices_posted: '收费项目和标准公示，与实际收费一致',
  prepaid_within_limits: '预收费不超过3个月、60课时或5000元，并进入监管账户',
  scope_no_academic: '培训内容在审批范围内，没有学科类内容',
  hours_by_2030: '线下培训在20:30前结束',
  staff_qualified: '从业人员资质公示，与实际授课人员一致',
  fire_safety: '消防器材完好，疏散通道畅通',
  premises_match: '培训场所与审批地址一致',
  advertising: '宣传广告合规',
  materials: '培训材料合规',
  contract_model: '使用示范合同文本签约',
}

/** Supervisors' kinds, as the seed names them: 督学, 片区校培专员, 社会监督员. */
export const SUPERVISOR_KINDS = ['inspector', 'specialist', 'volunteer'] as const
export type SupervisorKind = (typeof SUPERVISOR_KINDS)[number]
export const SUPERVISOR_KIND_LABEL: Readonly<Record<SupervisorKind, string>> = {
  inspector: '督学',
  specialist: '校培专员',
  volunteer: '社会监督员',
}
