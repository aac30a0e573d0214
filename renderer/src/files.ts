// Files in and out of the page: read a chosen file as base64, offer bytes as a download.

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`Lecture de « ${file.name} » impossible.`));
    reader.readAsDataURL(file);
  });
}

/**
 * A chosen JSON file (a saved mapping), parsed; what it holds is checked by the API that receives
 * it. Unreadable, it throws the message to show: "Correspondance « x.json » illisible : …".
 */
export async function readJsonFile(file: File): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`Correspondance « ${file.name} » illisible : ${(e as Error).message}`, { cause: e });
  }
}

export function download(fileName: string, base64: string, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string): void {
  download(fileName, btoa(String.fromCharCode(...new TextEncoder().encode(text))), 'application/json');
}
