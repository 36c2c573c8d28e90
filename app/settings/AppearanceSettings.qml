import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

ColumnLayout {
    id: appearance
    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    spacing: 8

    Label {
        text: qsTr("Theme")
        font.weight: Font.DemiBold
        color: Theme.text
    }
    RadioButton {
        objectName: "themeSystem"
        text: qsTr("Follow the system")
        checked: appearance.workbench?.settings.theme === "system"
        Accessible.onPressAction: clicked()
        onClicked: appearance.workbench.settings.theme = "system"
    }
    RadioButton {
        objectName: "themeLight"
        text: qsTr("Light")
        checked: appearance.workbench?.settings.theme === "light"
        Accessible.onPressAction: clicked()
        onClicked: appearance.workbench.settings.theme = "light"
    }
    RadioButton {
        objectName: "themeDark"
        text: qsTr("Dark")
        checked: appearance.workbench?.settings.theme === "dark"
        Accessible.onPressAction: clicked()
        onClicked: appearance.workbench.settings.theme = "dark"
    }
    Item {
        Layout.fillHeight: true
    }
}
