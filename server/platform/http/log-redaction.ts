/**
 * Personal data never reaches the log in full (个人信息保护法): ID numbers, credit codes and phone numbers in a
 * URL are masked before it is logged.
 */
export function redactForLog(text: string): string {
  return text
    .replace(/\b(\d{4})\d{10}([\dXx]{4})\b/g, '$1**********$2')
    .replace(/\b(1[3-9]\d)\d{4}(\d{4})\b/g, '$1****$2');
}
