// The words of the workbench's steps in one place: what each does (under its button), what each text field is
// called and who reads it, and the warning before a step that cannot be taken back.
import type { StaffStep } from '@/domain/staff'
import type { TextKey } from './stepRules'

/** A line under each step's button: what it does, so nobody has to guess 开始办理 from 受理. */
export const STEP_HINT: Record<StaffStep, string> = {
  accept: '确认由本部门办理',
  transfer: '交给其他部门或其他区办理',
  askInfo: '情况不清楚时，请举报人补充',
  start: '开始核查',
  reply: '把核查结果答复举报人',
  resolve: '答复后结束办理',
  reject: '不属于受理范围时使用',
  answerReview: '给出复核的最终结论',
  note: '记一笔，举报人看不到',
}

export interface TextLook {
  label: string
  audience?: 'public' | 'internal'
  hint?: string
  placeholder: string
}

/** The words of each text field, per step where they differ. The labels are the schema's, so its messages match. */
export function textLook(step: StaffStep, key: TextKey): TextLook {
  switch (key) {
    case 'reason':
      if (step === 'transfer') return { label: '转办理由', audience: 'public', hint: '对方部门和举报人都会看到这段话', placeholder: '例如：该机构实际开展的是体育培训，属体育部门监管' }
      if (step === 'reject') return { label: '不予受理的理由', audience: 'public', hint: '举报人会在办理经过中看到这段话', placeholder: '例如：举报内容不属于校外培训监管范围' }
      return { label: '办结说明', audience: 'public', hint: '举报人会在办理经过中看到这段话', placeholder: '例如：机构已按要求整改，复查合格' }
    case 'question':
      return { label: '需要补充的内容', audience: 'public', hint: '举报人会收到这个问题，补充后继续办理', placeholder: '例如：请补充上课的具体地址和时间' }
    case 'reply':
      return step === 'answerReview'
        ? { label: '复核结论', audience: 'public', hint: '这是最终答复，举报人会看到全文', placeholder: '例如：经复核，维持原答复意见，理由如下……' }
        : { label: '答复', audience: 'public', hint: '公开答复：举报人会看到全文', placeholder: '例如：经核查，该机构已停止晚间课程……' }
    case 'note':
      return { label: '内部备注', audience: 'internal', hint: '只在工作台显示，举报人看不到', placeholder: '例如：已电话联系机构负责人' }
  }
}

/** Steps that cannot be taken back: asked once more before they go. */
export const CONFIRM: Partial<Record<StaffStep, string>> = {
  transfer: '转办后，这件举报将离开本部门的待办，由对方部门办理。',
  reply: '答复将发送给举报人，发出后不能修改。',
  resolve: '办结后本次办理结束，办结说明将告知举报人。',
  reject: '不予受理后本次办理结束，理由将告知举报人。',
  answerReview: '复核结论是最终答复，发出后这件举报办结。',
}

