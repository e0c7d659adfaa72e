/**
 * A hand-off to the settings screen (the home screen's notice that roles now exist says where to
 * set them): the next settings page scrolls to and focuses the 職員 section.
 */
let focusStaffSection = false;

export function requestStaffFocus(): void {
  focusStaffSection = true;
}

export function takeStaffFocus(): boolean {
  const requested = focusStaffSection;
  focusStaffSection = false;
  return requested;
}
