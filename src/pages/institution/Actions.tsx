import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Institution } from '@/domain/api'
import { IS_H5 } from '@/utils/platform'
import { openReportFor } from '@/utils/prefill'

/** Actions within thumb reach: a bar fixed to the bottom of the screen. */
export default function Actions({ institution: inst }: { institution: Institution }) {
  const site = inst.sites[0]

  async function navigate() {
    const address = site?.address ?? inst.address
    if (site && !IS_H5) {
      try {
        await Taro.openLocation({ latitude: site.lat, longitude: site.lng, name: inst.name, address, scale: 16 })
        return
      } catch {
        // fall through: copy the address instead
      }
    }
    try {
      await Taro.setClipboardData({ data: address })
      Taro.showToast({ title: '地址已复制，可粘贴到地图应用中导航', icon: 'none', duration: 2500 })
    } catch {
      Taro.showModal({ title: '机构地址', content: address, showCancel: false, confirmText: '知道了' })
    }
  }

  function call() {
    if (!inst.phone) {
      Taro.showToast({ title: '该机构未公布联系电话', icon: 'none' })
      return
    }
    Taro.makePhoneCall({ phoneNumber: inst.phone }).catch(() => undefined)
  }

  const report = () => openReportFor(inst)

  return (
    <View className='yg-actions'>
      <View className='yg-actions__item' hoverClass='yg-actions__item--pressed' ariaRole='button' onClick={navigate}>
        <Text>导航</Text>
      </View>
      <View className='yg-actions__item' hoverClass='yg-actions__item--pressed' ariaRole='button' onClick={call}>
        <Text>拨打电话</Text>
      </View>
      <View
        className='yg-actions__item yg-actions__item--report'
        hoverClass='yg-actions__item--pressed'
        ariaRole='button'
        onClick={report}
      >
        <Text>举报该机构</Text>
      </View>
    </View>
  )
}
