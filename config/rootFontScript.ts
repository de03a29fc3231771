/**
 * The H5 root font size. Every size in the web build is in rem (pxtransform), so this one number scales the app.
 * Taro's own script (webpack5-runner H5WebpackPlugin) pins it to the phone width — 20px at 375 wide, 16–23px — and
 * ignores the browser's text-size setting. This one keeps the width rule and multiplies it by the user's default font
 * size (a probe sized `medium`, over 16px), and in 关怀模式 by at least 1.25. 关怀模式 is on when the device said so
 * (Taro storage `yg:care` = "on", written by src/hooks/useCareMode.ts) or, unless turned off there, when the
 * browser's text is at least 1.25× the usual size. The app toggles the `yg-care` class on <html> and fires `resize`.
 * Kept small and free of dependencies: it runs inline in the page head before the app.
 */
export const CARE_STORAGE_KEY = 'yg:care'
export const CARE_SCALE = 1.25

export function rootFontScript(opts: { designWidth: number; rootValue: number; min: number; max: number }): string {
  const { designWidth, rootValue, min, max } = opts
  return `!function(n){var d=n.document,e=d.documentElement,k=${JSON.stringify(CARE_STORAGE_KEY)};function u(){var p=d.createElement("div");p.style.cssText="position:absolute;visibility:hidden;font-size:medium;width:1em;height:0";e.appendChild(p);var s=p.getBoundingClientRect().width/16;e.removeChild(p);return s>0?s:1}function c(s){if(e.classList.contains("yg-care-off"))return!1;if(e.classList.contains("yg-care"))return!0;var v=null;try{v=JSON.parse(n.localStorage.getItem(k)||"null")}catch(t){}v=v&&v.data;if(v==="on"||v!=="off"&&s>=${CARE_SCALE}){e.classList.add("yg-care");return!0}e.classList.add("yg-care-off");return!1}function f(){var r=e.getBoundingClientRect(),w=Math.min.apply(Math,[r.width,r.height].filter(Boolean)),x=${rootValue}*w/${designWidth};x=x>=${max}?${max}:x<=${min}?${min}:x;var s=u();e.style.fontSize=x*(c(s)?Math.max(s,${CARE_SCALE}):s)+"px"}n.addEventListener("resize",function(){f();setTimeout(f,500)});f()}(window);`
}
