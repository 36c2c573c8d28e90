import QtQuick
import QtQuick.Controls

// A tool button showing an action icon, its text as tooltip (or beside the
// icon when showText is set) and as the name a screen reader reads. Qt 6.4
// does not route the AT-SPI "Press" action to Qt Quick Controls buttons, so
// the button answers it itself.
ToolButton {
    id: button

    property string iconName
    property bool showText: false

    icon.source: iconName ? Theme.icon(iconName) : ""
    icon.color: enabled ? Theme.text : Theme.mutedText
    icon.width: 18
    icon.height: 18
    display: showText ? AbstractButton.TextBesideIcon : AbstractButton.IconOnly
    focusPolicy: Qt.StrongFocus

    ToolTip.visible: !showText && text.length > 0 && (hovered || visualFocus)
    ToolTip.delay: 600
    ToolTip.text: text

    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.onPressAction: button.clicked()
}
