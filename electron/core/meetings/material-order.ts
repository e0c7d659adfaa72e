/**
 * The order that numbers a meeting's 資料 (資料1, 資料2 … through the whole 次第), as SQL over
 * `agenda_materials m JOIN agenda_items a`. The number is derived, never stored: the 次第 and an
 * exported material's file name must count the same way.
 */
export const MATERIAL_ORDER = 'a.position, m.created_at, m.id';
