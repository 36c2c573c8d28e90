import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench

ColumnLayout {
    spacing: 8

    Label {
        text: qsTr("Theme")
        font.weight: Font.DemiBold
        color: Theme.text
    }
    RadioButton {
        objectName: "themeSystem"
        text: qsTr("Follow the system")
        checked: Workbench.settings.theme === "system"
        onClicked: Workbench.settings.theme = "system"
    }
    RadioButton {
        objectName: "themeLight"
        text: qsTr("Light")
        checked: Workbench.settings.theme === "light"
        onClicked: Workbench.settings.theme = "light"
    }
    RadioButton {
        objectName: "themeDark"
        text: qsTr("Dark")
        checked: Workbench.settings.theme === "dark"
        onClicked: Workbench.settings.theme = "dark"
    }
    Item {
        Layout.fillHeight: true
    }
}
